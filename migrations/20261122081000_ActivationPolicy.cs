using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Data;

namespace Storefront.Migrations;

/// <summary>Whether a plan's validity counts from purchase or from first use.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122081000_ActivationPolicy")]
public sealed class ActivationPolicy : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<bool>("ValidityStartsAtPurchase", "Plans", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder m) => m.DropColumn("ValidityStartsAtPurchase", "Plans");
}
