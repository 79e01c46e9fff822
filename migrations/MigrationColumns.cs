using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace Storefront.Migrations;

/// <summary>
/// Column helpers for hand-written migrations. The model is provider-neutral; the one provider difference is
/// DateTimeOffset, which SQLite stores as a sortable integer (see StorefrontDbContext.ConfigureConventions).
/// </summary>
internal static class MigrationColumns
{
    public static OperationBuilder<AddColumnOperation> Timestamp(this ColumnsBuilder t, MigrationBuilder m, bool nullable = false) =>
        m.IsSqlite()
            ? t.Column<long>(type: "INTEGER", nullable: nullable)
            : t.Column<DateTimeOffset>(nullable: nullable);

    public static OperationBuilder<AddColumnOperation> Money(this ColumnsBuilder t, bool nullable = false) =>
        t.Column<decimal>(precision: 18, scale: 4, nullable: nullable);

    public static OperationBuilder<AddColumnOperation> Text(this ColumnsBuilder t, int maxLength, bool nullable = false) =>
        t.Column<string>(maxLength: maxLength, nullable: nullable);

    public static bool IsSqlite(this MigrationBuilder m) => m.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite";
}
