global using System.Net;
global using System.Net.Http.Json;
global using Vigil.Web.Tests.Infrastructure;
global using Microsoft.EntityFrameworkCore;
global using Xunit;
