"""The sheet to take home: drawn with QPainter into a PDF, printed off the UI thread."""
