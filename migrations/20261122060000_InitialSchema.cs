using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Data;

namespace Storefront.Migrations;

[DbContext(typeof(StorefrontDbContext))]
[Migration("20261122060000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Orders", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Number = t.Text(20),
            AccessToken = t.Text(64),
            CustomerEmail = t.Text(254),
            CustomerName = t.Text(200),
            Status = t.Text(40),
            CheckoutSessionId = t.Text(255, nullable: true),
            CheckoutAttempts = t.Column<int>(nullable: false),
            PaymentIntentId = t.Text(255, nullable: true),
            AmountPaid = t.Money(nullable: true),
            AttentionReason = t.Text(1000, nullable: true),
            CreatedAt = t.Timestamp(m),
            UpdatedAt = t.Timestamp(m),
            PaidAt = t.Timestamp(m, nullable: true),
            DeliveredAt = t.Timestamp(m, nullable: true),
            Version = t.Column<Guid>(nullable: false),
            Plan_PlanId = t.Column<Guid>(nullable: false),
            Plan_Sku = t.Text(200),
            Plan_Provider = t.Text(40),
            Plan_Name = t.Text(200),
            Plan_CountryIso2 = t.Text(2, nullable: true),
            Plan_CoverageName = t.Text(40),
            Plan_DataGb = t.Money(nullable: true),
            Plan_ValidityDays = t.Column<int>(nullable: true),
            Plan_IsUnlimited = t.Column<bool>(nullable: false),
            Plan_TopUpAllowed = t.Column<bool>(nullable: false),
            Plan_UpstreamPackageId = t.Text(200, nullable: true),
            Plan_FundAmountUsd = t.Money(nullable: true),
            Plan_CostUsd = t.Money(),
            Plan_Price = t.Money(),
            Plan_Currency = t.Text(3),
        }, constraints: t => t.PrimaryKey("PK_Orders", x => x.Id));
        m.CreateIndex("IX_Orders_Number", "Orders", "Number", unique: true);
        m.CreateIndex("IX_Orders_AccessToken", "Orders", "AccessToken", unique: true);
        m.CreateIndex("IX_Orders_CustomerEmail", "Orders", "CustomerEmail");
        m.CreateIndex("IX_Orders_CheckoutSessionId", "Orders", "CheckoutSessionId");
        m.CreateIndex("IX_Orders_Status_CreatedAt", "Orders", ["Status", "CreatedAt"]);

        m.CreateTable("Esims", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrderId = t.Column<Guid>(nullable: false),
            Provider = t.Text(40),
            Reference = t.Text(40),
            Step = t.Text(40),
            CreateAttempts = t.Column<int>(nullable: false),
            AttachAttempts = t.Column<int>(nullable: false),
            Iccid = t.Text(32, nullable: true),
            UpstreamId = t.Text(100, nullable: true),
            UpstreamOrderReference = t.Text(100, nullable: true),
            ActivationCodeProtected = t.Text(2000, nullable: true),
            State = t.Text(40),
            WalletBalanceUsd = t.Money(nullable: true),
            DataRemainingMb = t.Column<long>(nullable: true),
            DataTotalMb = t.Column<long>(nullable: true),
            ReadAt = t.Timestamp(m, nullable: true),
            ActivatedAt = t.Timestamp(m, nullable: true),
            ExpiresAt = t.Timestamp(m, nullable: true),
            CreatedAt = t.Timestamp(m),
            LowBalanceNotifiedAt = t.Timestamp(m, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Esims", x => x.Id);
            t.ForeignKey("FK_Esims_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Esims_OrderId", "Esims", "OrderId");
        m.CreateIndex("IX_Esims_Provider_Iccid", "Esims", ["Provider", "Iccid"], unique: true);

        m.CreateTable("EsimPackages", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EsimId = t.Column<Guid>(nullable: false),
            Kind = t.Text(40),
            Name = t.Text(200),
            FundAmountUsd = t.Money(nullable: true),
            DataGb = t.Money(nullable: true),
            ValidityDays = t.Column<int>(nullable: true),
            UpstreamPackageId = t.Text(200, nullable: true),
            AttachedAt = t.Timestamp(m),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_EsimPackages", x => x.Id);
            t.ForeignKey("FK_EsimPackages_Esims_EsimId", x => x.EsimId, "Esims", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_EsimPackages_EsimId", "EsimPackages", "EsimId");

        m.CreateTable("OrderEvents", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrderId = t.Column<Guid>(nullable: false),
            At = t.Timestamp(m),
            Kind = t.Text(60),
            Message = t.Text(1000),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrderEvents", x => x.Id);
            t.ForeignKey("FK_OrderEvents_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_OrderEvents_OrderId_At", "OrderEvents", ["OrderId", "At"]);

        m.CreateTable("Countries", t => new
        {
            Iso2 = t.Text(2),
            Name = t.Text(100),
            Networks = t.Text(4000),
            CheapestPerGbUsd = t.Money(nullable: true),
            IsActive = t.Column<bool>(nullable: false),
            UpdatedAt = t.Timestamp(m),
        }, constraints: t => t.PrimaryKey("PK_Countries", x => x.Iso2));

        m.CreateTable("Plans", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Sku = t.Text(200),
            Provider = t.Text(40),
            Name = t.Text(200),
            Coverage = t.Text(40),
            CountryIso2 = t.Text(2, nullable: true),
            DataGb = t.Money(nullable: true),
            ValidityDays = t.Column<int>(nullable: true),
            IsUnlimited = t.Column<bool>(nullable: false),
            TopUpAllowed = t.Column<bool>(nullable: false),
            UpstreamPackageId = t.Text(200, nullable: true),
            FundAmountUsd = t.Money(nullable: true),
            CostUsd = t.Money(),
            Price = t.Money(),
            Currency = t.Text(3),
            IsActive = t.Column<bool>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
            UpdatedAt = t.Timestamp(m),
        }, constraints: t => t.PrimaryKey("PK_Plans", x => x.Id));
        m.CreateIndex("IX_Plans_Sku", "Plans", "Sku", unique: true);
        m.CreateIndex("IX_Plans_CountryIso2_IsActive", "Plans", ["CountryIso2", "IsActive"]);

        m.CreateTable("PlanCountries", t => new
        {
            PlanId = t.Column<Guid>(nullable: false),
            CountryIso2 = t.Text(2),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PlanCountries", x => new { x.PlanId, x.CountryIso2 });
            t.ForeignKey("FK_PlanCountries_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_PlanCountries_CountryIso2", "PlanCountries", "CountryIso2");

        m.CreateTable("WorkItems", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Kind = t.Text(60),
            OrderId = t.Column<Guid>(nullable: true),
            DedupKey = t.Text(200),
            Payload = t.Text(4000, nullable: true),
            Status = t.Text(40),
            Attempts = t.Column<int>(nullable: false),
            NextRunAt = t.Timestamp(m),
            LockedUntil = t.Timestamp(m, nullable: true),
            LastError = t.Text(2000, nullable: true),
            CreatedAt = t.Timestamp(m),
            CompletedAt = t.Timestamp(m, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkItems", x => x.Id));
        m.CreateIndex("IX_WorkItems_DedupKey", "WorkItems", "DedupKey", unique: true);
        m.CreateIndex("IX_WorkItems_Status_NextRunAt", "WorkItems", ["Status", "NextRunAt"]);
        m.CreateIndex("IX_WorkItems_OrderId", "WorkItems", "OrderId");

        m.CreateTable("InboxEvents", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Source = t.Text(40),
            ExternalId = t.Text(255),
            Type = t.Text(100),
            Subject = t.Text(255, nullable: true),
            ReceivedAt = t.Timestamp(m),
        }, constraints: t => t.PrimaryKey("PK_InboxEvents", x => x.Id));
        m.CreateIndex("IX_InboxEvents_Source_ExternalId", "InboxEvents", ["Source", "ExternalId"], unique: true);

        m.CreateTable("Settings", t => new
        {
            Key = t.Text(100),
            Value = t.Text(4000),
            UpdatedAt = t.Timestamp(m),
        }, constraints: t => t.PrimaryKey("PK_Settings", x => x.Key));

        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            FriendlyName = t.Text(200, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "DataProtectionKeys", "Settings", "InboxEvents", "WorkItems", "PlanCountries", "Plans",
                     "Countries", "OrderEvents", "EsimPackages", "Esims", "Orders" })
            m.DropTable(table);
    }
}
