using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>Section "Smtp". No Host: mail goes to a pickup folder, readable at /sandbox/mail.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    [Range(1, 65535, ErrorMessage = "Smtp:Port must be a TCP port.")]
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>STARTTLS when true, plain SMTP when false; <see cref="Security"/>, when set, decides instead.</summary>
    public bool EnableSsl { get; set; } = true;
    public SmtpSecurity? Security { get; set; }
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>
    /// SHA-256 fingerprint of one certificate to accept from the relay although no trusted authority vouches for it
    /// (a self-signed internal relay), as <c>openssl x509 -noout -fingerprint -sha256</c> prints it. Unset: only the
    /// usual validation.
    /// </summary>
    [RegularExpression(@"^\s*([0-9A-Fa-f]{2}:?){31}[0-9A-Fa-f]{2}\s*$",
        ErrorMessage = "Smtp:TrustedCertificateSha256 must be a SHA-256 fingerprint: 64 hex digits, colons allowed.")]
    public string? TrustedCertificateSha256 { get; set; }

    public SmtpSecurity EffectiveSecurity => Security ?? (EnableSsl ? SmtpSecurity.StartTls : SmtpSecurity.None);
}
