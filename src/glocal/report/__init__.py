"""Monthly briefings assembled from the analysed store, with citations."""
