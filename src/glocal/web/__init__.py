"""Dashboard and REST API (FastAPI)."""
