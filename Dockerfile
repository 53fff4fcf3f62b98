# Tandem: one image for web (gunicorn), worker and beat (Celery) and the migrate one-shot.
# Build and run with docker compose (docker-compose.yml, README.md).
FROM python:3.11-slim-bookworm

# The code in /app comes first on the path, so BASE_DIR (templates, static, locale) is /app.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

# WeasyPrint needs Pango and HarfBuzz; DejaVu is the fallback font; gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 tandem \
    && useradd --system --uid 10001 --gid tandem --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin tandem

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Then the project. Static files and translations are built into the image (a throwaway key only for
# these two commands); generated documents go to /data/media, a volume owned by the app user.
COPY . .
RUN pip install --no-deps . \
    && SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --no-input -v 0 \
    && SECRET_KEY=build-only-not-a-secret python manage.py compilemessages --ignore=.venv -v 0 \
    && mkdir -p /data/media \
    && chown tandem:tandem /data/media

USER tandem

EXPOSE 8000

# web; docker-compose.yml gives worker, beat and migrate their own command.
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--workers", "2", "--threads", "4", "--worker-class", "gthread", "--worker-tmp-dir", "/dev/shm", \
     "--timeout", "60", "--max-requests", "1000", "--max-requests-jitter", "100", \
     "--forwarded-allow-ips", "*", "--access-logfile", "-"]
