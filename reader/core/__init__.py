"""The pure core: loading, cleaning, actors, quotes, search, notes and export."""
