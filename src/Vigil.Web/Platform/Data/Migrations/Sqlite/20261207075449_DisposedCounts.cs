using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DisposedCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActDisposedReportCounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TriagedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Behaviour = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActDisposedReportCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PreventDisposedCaseCounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConcernScheme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AgeGroup = table.Column<int>(type: "INTEGER", nullable: false),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GatewayOutcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Adopted = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeftChannel = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventDisposedCaseCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActDisposedReportCounts_ReceivedAt_OwningUnitId",
                table: "ActDisposedReportCounts",
                columns: new[] { "ReceivedAt", "OwningUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PreventDisposedCaseCounts_Year_OwningUnitId",
                table: "PreventDisposedCaseCounts",
                columns: new[] { "Year", "OwningUnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActDisposedReportCounts");

            migrationBuilder.DropTable(
                name: "PreventDisposedCaseCounts");
        }
    }
}
