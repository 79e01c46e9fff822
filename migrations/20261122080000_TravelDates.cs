using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Data;

namespace Storefront.Migrations;

/// <summary>Plans that start on a travel date the customer picks (Roamify's requirements.travelDate).</summary>
[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122080000_TravelDates")]
public sealed class TravelDates : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("RequiresTravelDate", "Plans", nullable: false, defaultValue: false);
        m.AddColumn<DateOnly>("TravelStartDate", "Orders", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("TravelStartDate", "Orders");
        m.DropColumn("RequiresTravelDate", "Plans");
    }
}
