# The Convene app image, used by compose.yaml for production-like runs.
FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango; the Noto fonts give real glyphs for all six UN languages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      fonts-noto-core fonts-noto-cjk fonts-dejavu-core curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend ./backend
COPY frontend ./frontend
COPY migrations ./migrations
COPY reports ./reports
RUN pip install --no-cache-dir -e .

ENV CONVENE_ENV=production CONVENE_VAR_DIR=/app/var
EXPOSE 8000
CMD ["sh", "-c", "convene migrate && convene serve --host 0.0.0.0 --port 8000 --workers ${WORKERS:-4}"]
