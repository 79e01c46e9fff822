using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

/// <summary>Section "Store": where the store is reached and what it sells in.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>Public base URL used in emails and payment redirects. Empty: the address the server listens on.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Staff who are told when an order needs attention.</summary>
    public string? StaffAlertEmail { get; set; }

    /// <summary>
    /// An order that still needs attention this long after provisioning gave up is refunded in full, automatically;
    /// staff have until then to fix the cause and retry. Empty: staff always decide.
    /// </summary>
    public TimeSpan? AutoRefundAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Staff are emailed once each time the reseller's balance upstream falls below this (USD). Empty: no such alert.</summary>
    public decimal? ResellerBalanceAlertUsd { get; set; }

    /// <summary>
    /// A sale the reseller balance upstream cannot pay for: StopSales (the checkout says so and charges nothing) or Queue
    /// (it is sold, and the order waits in front of staff until the balance is back). Either way no order is started
    /// upstream without the balance for all of it.
    /// </summary>
    public ShortBalancePolicy WhenUpstreamBalanceShort { get; set; } = ShortBalancePolicy.StopSales;
}

/// <summary>Section "Brand": everything the customer sees of the reseller.</summary>
public sealed class BrandOptions
{
    public const string Section = "Brand";

    [Required(ErrorMessage = "Brand:Name is required.")]
    public string Name { get; set; } = "Wanderlink";
    public string Tagline { get; set; } = "Travel data in minutes. No roaming bills.";
    /// <summary>URL or path of the logo; empty shows the name as a word mark.</summary>
    public string? LogoUrl { get; set; }
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Brand:PrimaryColor must be a colour like #0f766e.")]
    public string PrimaryColor { get; set; } = "#0f766e";
    [RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Brand:AccentColor must be a colour like #f59e0b.")]
    public string AccentColor { get; set; } = "#f59e0b";
    [Required(ErrorMessage = "Brand:SupportEmail is required."), EmailAddress(ErrorMessage = "Brand:SupportEmail must be an email address.")]
    public string SupportEmail { get; set; } = "support@wanderlink.example";
    [Required(ErrorMessage = "Brand:SenderEmail is required."), EmailAddress(ErrorMessage = "Brand:SenderEmail must be an email address.")]
    public string SenderEmail { get; set; } = "orders@wanderlink.example";
    public string? SenderName { get; set; }
    public string LegalFooter { get; set; } = "Wanderlink is a trading name of Wanderlink Ltd. Prices include all taxes.";
}

/// <summary>Section "Pricing": how upstream costs become retail prices.</summary>
public sealed class PricingOptions
{
    public const string Section = "Pricing";

    /// <summary>Retail per GB = upstream cost per GB × Markup.</summary>
    [Range(1.0, 100.0, ErrorMessage = "Pricing:Markup must be between 1.0 and 100.")]
    public decimal Markup { get; set; } = 1.4m;

    /// <summary>Plan sizes offered per country for wallet providers; empty means 1, 3, 5, 10 and 20 GB.</summary>
    // No initial values: the configuration binder appends to an array it finds, which would list every size twice.
    public decimal[] PlanSizesGb { get; set; } = [];

    public IEnumerable<decimal> EffectivePlanSizesGb => PlanSizesGb.Length == 0 ? [1, 3, 5, 10, 20] : PlanSizesGb.Distinct().Order();

    /// <summary>Extra on top of the plan's data at the cheapest network rate, funded to the wallet (percent).</summary>
    [Range(0.0, 200.0, ErrorMessage = "Pricing:FundBufferPercent must be between 0 and 200.")]
    public decimal FundBufferPercent { get; set; } = 10m;

    /// <summary>How retail prices are rounded: "ninety-nine" (up to x.99), "half" (up to x.00 or x.50), "cent" (up to the cent).</summary>
    [RegularExpression("^(ninety-nine|half|cent)$", ErrorMessage = "Pricing:Rounding must be ninety-nine, half or cent.")]
    public string Rounding { get; set; } = "ninety-nine";

    /// <summary>Upstream fee per eSIM created (Citrus charges $1.75 per provision).</summary>
    public decimal WalletProvisionFeeUsd { get; set; } = 1.75m;

    /// <summary>Card processing fee, counted as a cost so no plan sells at a loss.</summary>
    public decimal PaymentFeePercent { get; set; } = 2.9m;
    public decimal PaymentFeeFixed { get; set; } = 0.30m;
}

/// <summary>Section "Provider": which upstream eSIM provider the store sells through.</summary>
public sealed class ProviderOptions
{
    public const string Section = "Provider";
    public static readonly string UnknownName = $"Provider:Name must be one of {string.Join(", ", Providers.ProviderModules.Names)};";

    [Required(ErrorMessage = "Provider:Name is required (citrus, cloudesim, esimfly, roamify or pressone).")]
    public string Name { get; set; } = "citrus";
}

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string SqlServer = "sqlserver";
    public const string UnknownProvider = "Database:Provider must be sqlite, postgres or sqlserver.";

    /// <summary>sqlite (embedded default), postgres or sqlserver. The connection string is ConnectionStrings:Storefront.</summary>
    [RegularExpression("^(sqlite|postgres|sqlserver)$", ErrorMessage = UnknownProvider)]
    public string Provider { get; set; } = Sqlite;
}

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

/// <summary>
/// How the SMTP connection is protected. Auto: TLS from the first byte on port 465, else STARTTLS when the server
/// offers it. StartTls: STARTTLS or fail. SslOnConnect: TLS from the first byte. None: plain text.
/// </summary>
public enum SmtpSecurity { Auto, None, StartTls, SslOnConnect }
