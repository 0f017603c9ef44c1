def chart_data(page, canvas):
    """The data of the Chart.js chart drawn on `canvas`, once the script has drawn it
    (the canvas is in the page before the chart exists: waiting avoids a race)."""
    handle = canvas.element_handle()
    page.wait_for_function("c => window.Chart && Chart.getChart(c) !== undefined", arg=handle)
    return canvas.evaluate("c => Chart.getChart(c).data.datasets[0].data")
