# The lgstandards web validator: `docker build -t lgstandards-web .` then
# `docker run --rm -p 8000:8000 --read-only --tmpfs /tmp lgstandards-web`.
# Settings are LGSTANDARDS_WEB_* environment variables (docs/web.md), e.g. `-e LGSTANDARDS_WEB_API_CHECK=off`.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY standards ./standards
RUN pip install ".[web]" && rm -rf /src

# Never run as root: the service reads uploads from strangers.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin lgstandards
USER lgstandards
WORKDIR /tmp

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["lgstandards", "serve", "--host", "0.0.0.0"]
