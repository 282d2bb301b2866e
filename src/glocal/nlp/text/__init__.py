"""Language-aware text processing: sentences, tokens, keywords."""
