"""Step 2: target picture and action plan (models in programmes/models/plan.py)."""
