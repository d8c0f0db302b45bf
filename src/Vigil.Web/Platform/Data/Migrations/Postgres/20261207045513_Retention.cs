using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DisposedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DisposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HeldFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SecondReviewerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    GroupCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Policy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisposalTombstones", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Event = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NextReview = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReviewAfterYears = table.Column<int>(type: "integer", nullable: false),
                    ReviewEveryYears = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionQuestions",
                columns: table => new
                {
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionQuestions", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRecordTypes",
                columns: table => new
                {
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FromWords = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRecordTypes", x => x.RecordType);
                });

            migrationBuilder.CreateTable(
                name: "RetentionReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Decision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    YesTo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NextReview = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SecondReviewerId = table.Column<Guid>(type: "uuid", nullable: true),
                    SecondReviewerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SecondAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SecondReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
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
