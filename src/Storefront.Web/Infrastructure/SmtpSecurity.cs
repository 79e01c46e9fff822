using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>
/// How the SMTP connection is protected. Auto: TLS from the first byte on port 465, else STARTTLS when the server
/// offers it. StartTls: STARTTLS or fail. SslOnConnect: TLS from the first byte. None: plain text.
/// </summary>
public enum SmtpSecurity { Auto, None, StartTls, SslOnConnect }
