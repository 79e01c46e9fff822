using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Countries",
                columns: table => new
                {
                    Iso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Networks = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CheapestPerGbUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Countries", x => x.Iso2);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FriendlyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccessToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CheckoutSessionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CheckoutAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AmountPaid = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    AttentionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TopUpEsimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TopUpStep = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TravelStartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TopUpAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Plan_CostUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Plan_CountryIso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Plan_CoverageName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Plan_Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Plan_DataGb = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Plan_FundAmountUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Plan_IsUnlimited = table.Column<bool>(type: "INTEGER", nullable: false),
                    Plan_Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Plan_PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Plan_Price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Plan_Provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Plan_Sku = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Plan_TopUpAllowed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Plan_UpstreamPackageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Plan_ValidityDays = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Coverage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CountryIso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    DataGb = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    ValidityDays = table.Column<int>(type: "INTEGER", nullable: true),
                    IsUnlimited = table.Column<bool>(type: "INTEGER", nullable: false),
                    TopUpAllowed = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequiresTravelDate = table.Column<bool>(type: "INTEGER", nullable: false),
                    ValidityStartsAtPurchase = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpstreamPackageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FundAmountUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    CostUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "WorkItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextRunAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Esims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreateAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AttachAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Iccid = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UpstreamId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpstreamOrderReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ActivationCodeProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WalletBalanceUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    DataRemainingMb = table.Column<long>(type: "INTEGER", nullable: true),
                    DataTotalMb = table.Column<long>(type: "INTEGER", nullable: true),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LowBalanceNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Esims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Esims_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderEvents_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanCountries",
                columns: table => new
                {
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CountryIso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanCountries", x => new { x.PlanId, x.CountryIso2 });
                    table.ForeignKey(
                        name: "FK_PlanCountries_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EsimPackages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EsimId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FundAmountUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    DataGb = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    ValidityDays = table.Column<int>(type: "INTEGER", nullable: true),
                    UpstreamPackageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EsimPackages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EsimPackages_Esims_EsimId",
                        column: x => x.EsimId,
                        principalTable: "Esims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EsimPackages_EsimId",
                table: "EsimPackages",
                column: "EsimId");

            migrationBuilder.CreateIndex(
                name: "IX_Esims_OrderId",
                table: "Esims",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Esims_Provider_Iccid",
                table: "Esims",
                columns: new[] { "Provider", "Iccid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxEvents_Source_ExternalId",
                table: "InboxEvents",
                columns: new[] { "Source", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrderEvents_OrderId_At",
                table: "OrderEvents",
                columns: new[] { "OrderId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AccessToken",
                table: "Orders",
                column: "AccessToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CheckoutSessionId",
                table: "Orders",
                column: "CheckoutSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_CustomerEmail",
                table: "Orders",
                column: "CustomerEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Number",
                table: "Orders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Status_CreatedAt",
                table: "Orders",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_TopUpEsimId",
                table: "Orders",
                column: "TopUpEsimId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanCountries_CountryIso2",
                table: "PlanCountries",
                column: "CountryIso2");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_CountryIso2_IsActive",
                table: "Plans",
                columns: new[] { "CountryIso2", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Sku",
                table: "Plans",
                column: "Sku",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_DedupKey",
                table: "WorkItems",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_OrderId",
                table: "WorkItems",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_Status_NextRunAt",
                table: "WorkItems",
                columns: new[] { "Status", "NextRunAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Countries");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EsimPackages");

            migrationBuilder.DropTable(
                name: "InboxEvents");

            migrationBuilder.DropTable(
                name: "OrderEvents");

            migrationBuilder.DropTable(
                name: "PlanCountries");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropTable(
                name: "WorkItems");

            migrationBuilder.DropTable(
                name: "Esims");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "Orders");
        }
    }
}
