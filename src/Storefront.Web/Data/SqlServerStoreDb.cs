using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Storefront.Data;

/// <summary>SQL Server. Migrations in migrations/SqlServer.</summary>
public sealed class SqlServerStoreDb(DbContextOptions<SqlServerStoreDb> options) : StorefrontDbContext(options);

// `dotnet dotnet-ef` builds each context through these factories. The connection strings are never opened by
// `migrations add` or `migrations script`; they only pick the provider whose SQL is generated.
