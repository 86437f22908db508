# One image for every process: web (gunicorn), worker (celery worker) and beat (celery beat).
# docker-compose.yml picks the process with `command:`; the default is the web server.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings

WORKDIR /app

# The processes run as an unprivileged user; only the media directory is writable by it.
RUN groupadd --system --gid 1000 app \
    && useradd --system --uid 1000 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

# WeasyPrint (the PDF recap) draws text with Pango; the slim image lacks it.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Runtime requirements only (no test or lint tools); a layer of its own so code edits keep the cache.
COPY requirements.txt .
RUN pip install --require-hashes -r requirements.txt

COPY . .

# Static files are built into the image with throwaway settings; nothing here reaches runtime.
RUN SECRET_KEY=build-only DEBUG=false python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown app:app /app/media

USER app:app

EXPOSE 8000

# Shell form so ${WEB_CONCURRENCY} is expanded at start; exec hands PID 1 to gunicorn for signals.
CMD ["sh", "-c", "exec gunicorn portal.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
