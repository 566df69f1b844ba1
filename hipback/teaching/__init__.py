"""The teaching layer: the lesson table, notebook set-up and generated cells, self-checks,
lesson views and the printable handouts. Lesson prose itself lives in the notebooks.
"""
