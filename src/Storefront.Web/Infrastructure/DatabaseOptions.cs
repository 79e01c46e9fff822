using System.ComponentModel.DataAnnotations;

namespace Storefront.Infrastructure;

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
