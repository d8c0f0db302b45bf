using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "RecipientUnitId",
                table: "InboxItem",
                newName: "OwningUnitId");

            migrationBuilder.RenameIndex(
                name: "IX_InboxItem_RecipientUnitId_CreatedAt",
                table: "InboxItem",
                newName: "IX_InboxItem_OwningUnitId_CreatedAt");

            migrationBuilder.AddColumn<string>(
                name: "ManagedBy",
                table: "NeedToKnowGroups",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            // Groups that an investigation team or a Channel panel already owns become read-only to administrators.
            migrationBuilder.Sql("""
                UPDATE "NeedToKnowGroups" SET "ManagedBy" = (SELECT 'the team of ' || i."OperationName" FROM "Investigation" i WHERE i."GroupId" = "NeedToKnowGroups"."Id")
                WHERE "Id" IN (SELECT "GroupId" FROM "Investigation");
                UPDATE "NeedToKnowGroups" SET "ManagedBy" = (SELECT 'the ' || p."LocalAuthority" || ' Channel panel' FROM "ChannelPanel" p WHERE p."GroupId" = "NeedToKnowGroups"."Id")
                WHERE "Id" IN (SELECT "GroupId" FROM "ChannelPanel");
                """);

            migrationBuilder.AddColumn<int>(
                name: "Classification",
                table: "InboxItem",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "OfficialSensitive",
                table: "InboxItem",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastTwoFactorStep",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClearanceGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Requested = table.Column<int>(type: "integer", nullable: false),
                    Previous = table.Column<int>(type: "integer", nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClearanceGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClearanceGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeconflictionChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeconflictionChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeconflictionMaskedHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CheckId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProbeReported = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeconflictionMaskedHits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxItemGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItemGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItemGroups_InboxItem_RecordId",
                        column: x => x.RecordId,
                        principalTable: "InboxItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItem_OwningUnitId",
                table: "InboxItem",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ClearanceGrants_Status_RequestedAt",
                table: "ClearanceGrants",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClearanceGrants_UserId",
                table: "ClearanceGrants",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionChecks_UserId_At",
                table: "DeconflictionChecks",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionMaskedHits_CheckId",
                table: "DeconflictionMaskedHits",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionMaskedHits_UserId_SubjectId_At",
                table: "DeconflictionMaskedHits",
                columns: new[] { "UserId", "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItemGroups_RecordId_GroupId",
                table: "InboxItemGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClearanceGrants");

            migrationBuilder.DropTable(
                name: "DeconflictionChecks");

            migrationBuilder.DropTable(
                name: "DeconflictionMaskedHits");

            migrationBuilder.DropTable(
                name: "InboxItemGroups");

            migrationBuilder.DropIndex(
                name: "IX_InboxItem_OwningUnitId",
                table: "InboxItem");

            migrationBuilder.DropColumn(
                name: "ManagedBy",
                table: "NeedToKnowGroups");

            migrationBuilder.DropColumn(
                name: "Classification",
                table: "InboxItem");

            migrationBuilder.DropColumn(
                name: "OfficialSensitive",
                table: "InboxItem");

            migrationBuilder.DropColumn(
                name: "LastTwoFactorStep",
                table: "AspNetUsers");

            migrationBuilder.RenameColumn(
                name: "OwningUnitId",
                table: "InboxItem",
                newName: "RecipientUnitId");

            migrationBuilder.RenameIndex(
                name: "IX_InboxItem_OwningUnitId_CreatedAt",
                table: "InboxItem",
                newName: "IX_InboxItem_RecipientUnitId_CreatedAt");
        }
    }
}
