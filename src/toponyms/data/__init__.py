"""Data: reading gazetteer YAML with line numbers, its schema and whole-gazetteer checks,
the compiled artifact, dumping and diffing releases, generic terms."""
