using Connect.Grpc.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddConnectServer(builder.Configuration);

var app = builder.Build();
app.MapConnectServer();
app.Run();
