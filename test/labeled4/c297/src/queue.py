BROKER_URL = "amqp://rabbitmq:5672//"
RESULT_BACKEND = "redis://redis:6379/1"
