using Connect.Admin.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddConnectAdmin(builder.Configuration);

var app = builder.Build();
app.UseConnectAdmin();
app.Run();
