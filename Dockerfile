# syntax=docker/dockerfile:1
# The store as a container: built with the .NET SDK, run on the ASP.NET runtime image as its non-root `app` user.
# The production host (src/Storefront.Web) only: the simulators live in src/Storefront.Sandbox and are not in the image.
# Used by docker-compose.yml; build alone with `docker build -t storefront .`.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# Restore first, from the project files only, so a code change does not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props Storefront.sln ./
COPY src/Storefront.Domain/Storefront.Domain.csproj src/Storefront.Domain/
COPY src/Storefront.Providers/Storefront.Providers.csproj src/Storefront.Providers/
COPY src/Storefront.Web/Storefront.Web.csproj src/Storefront.Web/
RUN dotnet restore src/Storefront.Web/Storefront.Web.csproj
COPY . .
RUN dotnet publish src/Storefront.Web/Storefront.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build --chown=app:app /app ./
# data/ holds the SQLite database and the mail pickup folder when those defaults are used.
RUN mkdir -p /app/data && chown app:app /app/data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
ENTRYPOINT ["dotnet", "Storefront.Web.dll"]
