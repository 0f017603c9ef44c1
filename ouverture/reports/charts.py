"""Charts as PNG for documents (matplotlib, no display). Screens draw theirs with Chart.js.

Counts are honest: the count axis starts at zero with whole-number ticks (never −0,04..0,04
when every value is 0), long labels wrap instead of being cut, and a chart whose values are
all zero is not drawn: `has_data()` tells the caller to say so in words.
"""

import io
import textwrap

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

COLOR = "#1f4e79"
LABEL_WIDTH = 38  # characters per line of a wrapped label
NO_DATA_TEXT = "Aucune réponse à cette question."


def has_data(values) -> bool:
    return any(v for v in values)


def wrap_label(label, width=LABEL_WIDTH) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def bar_chart(labels, values, *, title="", horizontal=True, xlabel="", width=6.5) -> bytes:
    """A bar chart as PNG bytes, labelled with the values (counts shown honestly, no 3D, no pie)."""
    labels = [wrap_label(label) for label in labels]
    values = [float(v or 0) for v in values]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = max(1.6, 0.32 * lines + 0.2 * len(labels) + 1) if horizontal else 3.5
    figure, axis = plt.subplots(figsize=(width, height), dpi=150)
    try:
        top = max([*values, 0]) or 1
        if horizontal:
            positions = range(len(labels))[::-1]
            bars = axis.barh(list(positions), values, color=COLOR)
            axis.set_yticks(list(positions), labels)
            axis.set_xlim(0, top * 1.15)
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        else:
            bars = axis.bar(labels, values, color=COLOR)
            axis.set_ylim(0, top * 1.15)
            axis.yaxis.set_major_locator(MaxNLocator(integer=True))
        axis.bar_label(bars, labels=[_count(v) for v in values], padding=3)
        if not has_data(values):
            axis.text(0.5, 0.5, NO_DATA_TEXT, transform=axis.transAxes, ha="center", va="center")
        axis.set_title(wrap_label(title, 70), loc="left", fontsize=11)
        if xlabel:
            axis.set_xlabel(xlabel)
        for side in ("top", "right"):
            axis.spines[side].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(figure)


def _count(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
