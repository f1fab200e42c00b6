"""The 意见 feature: the comments table and panel, import, decisions, charts."""
