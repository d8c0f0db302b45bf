using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SubjectListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subject_Surname_GivenName",
                table: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_Surname_GivenName_AccessLabelId_MergedIntoId",
                table: "Subject",
                columns: new[] { "Surname", "GivenName", "AccessLabelId", "MergedIntoId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subject_Surname_GivenName_AccessLabelId_MergedIntoId",
                table: "Subject");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_Surname_GivenName",
                table: "Subject",
                columns: new[] { "Surname", "GivenName" });
        }
    }
}
