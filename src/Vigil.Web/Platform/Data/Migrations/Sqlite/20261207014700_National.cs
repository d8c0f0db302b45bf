using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class National : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdoptedSplits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinancialYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Pence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptedSplits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptedSplits_Unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetScenarios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FinancialYear = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    TotalPence = table.Column<long>(type: "INTEGER", nullable: false),
                    IndicatorsMonth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NationalSnapshots",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Tables = table.Column<string>(type: "TEXT", nullable: false),
                    Indicators = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalSnapshots", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "BudgetScenarioWeights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    ScenarioId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarioWeights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetScenarioWeights_BudgetScenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "BudgetScenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptedSplits_FinancialYear_UnitId",
                table: "AdoptedSplits",
                columns: new[] { "FinancialYear", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdoptedSplits_UnitId",
                table: "AdoptedSplits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarios_CreatedAt",
                table: "BudgetScenarios",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarioWeights_ScenarioId",
                table: "BudgetScenarioWeights",
                column: "ScenarioId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdoptedSplits");

            migrationBuilder.DropTable(
                name: "BudgetScenarioWeights");

            migrationBuilder.DropTable(
                name: "NationalSnapshots");

            migrationBuilder.DropTable(
                name: "BudgetScenarios");
        }
    }
}
