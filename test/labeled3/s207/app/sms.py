from twilio.rest import Client

client = Client("SK«h32»", "«A32»", "AC«h32»")
