using System.Text.Encodings.Web;
using Storefront.Infrastructure;

namespace Storefront.Email;

/// <summary>
/// The branded frame every email shares: table layout and inline styles, which mail clients honour. Every text and
/// background colour is explicit and the email declares itself light-only, so a client in dark mode either shows it as
/// designed or inverts all of it together, never dark text on a darkened background; text on the brand colours is
/// computed (<see cref="ColorContrast"/>) to stay readable whatever colours the reseller configures.
/// </summary>
public static class EmailLayout
{
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static string Html(BrandOptions brand, string preheader, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <meta name="color-scheme" content="light only"><meta name="supported-color-schemes" content="light only">
        <title>{{E(brand.Name)}}</title></head>
        <body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;">
        <span style="display:none;max-height:0;overflow:hidden;">{{E(preheader)}}</span>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 12px;">
        <tr><td align="center">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:12px;overflow:hidden;">
        <tr><td style="background:{{brand.PrimaryColor}};padding:20px 28px;color:{{ColorContrast.TextOn(brand.PrimaryColor)}};font-size:22px;font-weight:700;">
        {{(string.IsNullOrEmpty(brand.LogoUrl) || !brand.LogoUrl.StartsWith("http") ? E(brand.Name) : $"<img src=\"{E(brand.LogoUrl)}\" alt=\"{E(brand.Name)}\" height=\"32\" style=\"display:block;\">")}}
        </td></tr>
        <tr><td style="padding:28px;font-size:16px;line-height:1.55;background:#ffffff;color:#111827;">
        {{body}}
        </td></tr>
        <tr><td style="padding:20px 28px;background:#f9fafb;color:#4b5563;font-size:13px;line-height:1.5;">
        Questions? Reply to this email or write to <a href="mailto:{{E(brand.SupportEmail)}}" style="color:{{ColorContrast.ReadableOn(brand.PrimaryColor, "#f9fafb")}};">{{E(brand.SupportEmail)}}</a>.<br>
        {{E(brand.LegalFooter)}}
        </td></tr>
        </table>
        </td></tr></table>
        </body></html>
        """;

    public static string Button(string href, string label, string color) =>
        $"""<a href="{E(href)}" style="display:inline-block;background:{color};color:{ColorContrast.TextOn(color)};text-decoration:none;font-weight:600;padding:12px 20px;border-radius:8px;margin:4px 8px 4px 0;">{E(label)}</a>""";

    public static string TextFooter(BrandOptions brand) =>
        $"\n--\nQuestions? Write to {brand.SupportEmail}.\n{brand.LegalFooter}\n";
}
