"""HTML templates to PDF with WeasyPrint (A4, DejaVu fonts, French text)."""

from django.template.loader import render_to_string


def render_pdf(template_name, context, *, request=None, base_url=None) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango costs ~0.5 s

    html = render_to_string(template_name, context, request=request)
    return HTML(
        string=html, base_url=base_url or (request.build_absolute_uri("/") if request else ".")
    ).write_pdf()
