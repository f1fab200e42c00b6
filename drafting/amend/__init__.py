"""Applying a 修改决定 (or a 修正案) to a text: its instructions, reading them, applying them."""
