"""Output: the 导出 menu, the print dialog, printing and PDF."""
