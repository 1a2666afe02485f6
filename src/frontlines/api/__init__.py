"""The REST API and the web map's server.

``app.create_app(db_path, token=None)`` builds the FastAPI app;
``server.serve(...)`` runs it with uvicorn and ``server.start_background(...)``
runs it in a thread for tests and benchmarks.  ``_data`` holds the
framework-free functions the endpoints call.
"""
