package tools

import "github.com/aws/aws-sdk-go-v2/credentials"

var provider = credentials.NewStaticCredentialsProvider(
	"AKIA«U16»",
	"«A18»/«b21»",
	"",
)
