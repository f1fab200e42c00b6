"""Comparing versions: the side-by-side tab, its dialogs, 相关意见 and the 修改决定."""
