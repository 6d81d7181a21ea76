# Guildhall: a static binary on a distroless base.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/guildhall ./server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/guildhall /guildhall
# The embedded database (used only when MONGODB_URI is unset) keeps its files here.
ENV GUILDHALL_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/guildhall"]
