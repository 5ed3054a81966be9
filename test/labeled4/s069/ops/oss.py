import oss2

auth = oss2.Auth(
    "LTAI«A20»",
    "«A30»",
)
bucket = oss2.Bucket(auth, "https://oss-cn-hangzhou.aliyuncs.com", "acme-assets")
