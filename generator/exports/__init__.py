"""The fact base in data formats: facts.json, CSV, schema.org JSON-LD."""
