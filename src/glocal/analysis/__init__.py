"""Analysis stage: embeddings, topics, centrality, Trust Index, indicators, network (pure functions over records)."""
