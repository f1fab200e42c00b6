"""Comparing two drafts: alignment, wording diffs, the drafted 修改决定."""
