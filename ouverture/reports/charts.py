"""Charts as PNG for documents (matplotlib, no display). Screens draw theirs with Chart.js."""

import io

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402

COLOR = "#1f4e79"


def bar_chart(labels, values, *, title="", horizontal=True, xlabel="", width=6.5) -> bytes:
    """A bar chart as PNG bytes, labelled with the values (counts shown honestly, no 3D, no pie)."""
    labels = [str(label) for label in labels]
    height = max(1.6, 0.45 * len(labels) + 1) if horizontal else 3.5
    figure, axis = plt.subplots(figsize=(width, height), dpi=150)
    try:
        if horizontal:
            positions = range(len(labels))[::-1]
            bars = axis.barh(list(positions), values, color=COLOR)
            axis.set_yticks(list(positions), labels)
        else:
            bars = axis.bar(labels, values, color=COLOR)
        axis.bar_label(bars, padding=3)
        axis.set_title(title, loc="left", fontsize=11)
        if xlabel:
            axis.set_xlabel(xlabel)
        for side in ("top", "right"):
            axis.spines[side].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)
