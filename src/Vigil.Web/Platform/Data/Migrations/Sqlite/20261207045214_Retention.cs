using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DisposalTombstones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DisposedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DisposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SecondReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Policy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisposalTombstones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NextReview = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ReviewAfterYears = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewEveryYears = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionQuestions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionQuestions", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRecordTypes",
                columns: table => new
                {
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FromWords = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRecordTypes", x => x.RecordType);
                });

            migrationBuilder.CreateTable(
                name: "RetentionReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GroupCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    YesTo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NextReview = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SecondReviewerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SecondReviewerName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SecondAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SecondReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionReviews", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisposalTombstones_DisposedAt",
                table: "DisposalTombstones",
                column: "DisposedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DisposalTombstones_RecordId_RecordType",
                table: "DisposalTombstones",
                columns: new[] { "RecordId", "RecordType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionEntries_RecordId_RecordType",
                table: "RetentionEntries",
                columns: new[] { "RecordId", "RecordType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionEntries_UnitId_NextReview",
                table: "RetentionEntries",
                columns: new[] { "UnitId", "NextReview" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionEntries_UnitId_RecordType_From",
                table: "RetentionEntries",
                columns: new[] { "UnitId", "RecordType", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionGroups_Code",
                table: "RetentionGroups",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionReviews_RecordId_RecordType",
                table: "RetentionReviews",
                columns: new[] { "RecordId", "RecordType" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionReviews_UnitId_State",
                table: "RetentionReviews",
                columns: new[] { "UnitId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisposalTombstones");

            migrationBuilder.DropTable(
                name: "RetentionEntries");

            migrationBuilder.DropTable(
                name: "RetentionGroups");

            migrationBuilder.DropTable(
                name: "RetentionQuestions");

            migrationBuilder.DropTable(
                name: "RetentionRecordTypes");

            migrationBuilder.DropTable(
                name: "RetentionReviews");
        }
    }
}
