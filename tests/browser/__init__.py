"""Real-browser tests: the notebooks in JupyterLab in Chromium (see conftest.py)."""
