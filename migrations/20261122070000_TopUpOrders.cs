using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Data;

namespace Storefront.Migrations;

/// <summary>Top-up orders: an order can add a package (or wallet credit) to an eSIM from an earlier order.</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122070000_TopUpOrders")]
public sealed class TopUpOrders : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("Kind", "Orders", maxLength: 40, nullable: false, defaultValue: "Esim");
        m.AddColumn<Guid>("TopUpEsimId", "Orders", nullable: true);
        m.AddColumn<string>("TopUpStep", "Orders", maxLength: 40, nullable: false, defaultValue: "NotStarted");
        m.AddColumn<int>("TopUpAttempts", "Orders", nullable: false, defaultValue: 0);
        m.CreateIndex("IX_Orders_TopUpEsimId", "Orders", "TopUpEsimId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_Orders_TopUpEsimId", "Orders");
        foreach (var column in new[] { "TopUpAttempts", "TopUpStep", "TopUpEsimId", "Kind" })
            m.DropColumn(column, "Orders");
    }
}
