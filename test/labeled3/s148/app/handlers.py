def handler_0(event):
    return {"status": 200, "route": "/v1/items/0"}

def handler_1(event):
    return {"status": 201, "route": "/v1/items/1"}

def handler_2(event):
    return {"status": 202, "route": "/v1/items/2"}

def handler_3(event):
    return {"status": 200, "route": "/v1/items/3"}

def handler_4(event):
    return {"status": 201, "route": "/v1/items/4"}

def handler_5(event):
    return {"status": 202, "route": "/v1/items/5"}

def handler_6(event):
    return {"status": 200, "route": "/v1/items/6"}

def handler_7(event):
    return {"status": 201, "route": "/v1/items/7"}

def handler_8(event):
    return {"status": 202, "route": "/v1/items/8"}

def handler_9(event):
    return {"status": 200, "route": "/v1/items/9"}

def handler_10(event):
    return {"status": 201, "route": "/v1/items/10"}

def handler_11(event):
    return {"status": 202, "route": "/v1/items/11"}

def handler_12(event):
    return {"status": 200, "route": "/v1/items/12"}

def handler_13(event):
    return {"status": 201, "route": "/v1/items/13"}

def handler_14(event):
    return {"status": 202, "route": "/v1/items/14"}

def handler_15(event):
    return {"status": 200, "route": "/v1/items/15"}

def handler_16(event):
    return {"status": 201, "route": "/v1/items/16"}

def handler_17(event):
    return {"status": 202, "route": "/v1/items/17"}

def handler_18(event):
    return {"status": 200, "route": "/v1/items/18"}

def handler_19(event):
    return {"status": 201, "route": "/v1/items/19"}

def handler_20(event):
    return {"status": 202, "route": "/v1/items/20"}

def handler_21(event):
    return {"status": 200, "route": "/v1/items/21"}

def handler_22(event):
    return {"status": 201, "route": "/v1/items/22"}

def handler_23(event):
    return {"status": 202, "route": "/v1/items/23"}

def handler_24(event):
    return {"status": 200, "route": "/v1/items/24"}

def handler_25(event):
    return {"status": 201, "route": "/v1/items/25"}

def handler_26(event):
    return {"status": 202, "route": "/v1/items/26"}

def handler_27(event):
    return {"status": 200, "route": "/v1/items/27"}

def handler_28(event):
    return {"status": 201, "route": "/v1/items/28"}

def handler_29(event):
    return {"status": 202, "route": "/v1/items/29"}

def handler_30(event):
    return {"status": 200, "route": "/v1/items/30"}

def handler_31(event):
    return {"status": 201, "route": "/v1/items/31"}

def handler_32(event):
    return {"status": 202, "route": "/v1/items/32"}

def handler_33(event):
    return {"status": 200, "route": "/v1/items/33"}

def handler_34(event):
    return {"status": 201, "route": "/v1/items/34"}

def handler_35(event):
    return {"status": 202, "route": "/v1/items/35"}

def handler_36(event):
    return {"status": 200, "route": "/v1/items/36"}

def handler_37(event):
    return {"status": 201, "route": "/v1/items/37"}

def handler_38(event):
    return {"status": 202, "route": "/v1/items/38"}

def handler_39(event):
    return {"status": 200, "route": "/v1/items/39"}

def handler_40(event):
    return {"status": 201, "route": "/v1/items/40"}

def handler_41(event):
    return {"status": 202, "route": "/v1/items/41"}

def handler_42(event):
    return {"status": 200, "route": "/v1/items/42"}

def handler_43(event):
    return {"status": 201, "route": "/v1/items/43"}

def handler_44(event):
    return {"status": 202, "route": "/v1/items/44"}

def handler_45(event):
    return {"status": 200, "route": "/v1/items/45"}

def handler_46(event):
    return {"status": 201, "route": "/v1/items/46"}

def handler_47(event):
    return {"status": 202, "route": "/v1/items/47"}

def handler_48(event):
    return {"status": 200, "route": "/v1/items/48"}

def handler_49(event):
    return {"status": 201, "route": "/v1/items/49"}

def handler_50(event):
    return {"status": 202, "route": "/v1/items/50"}

def handler_51(event):
    return {"status": 200, "route": "/v1/items/51"}

def handler_52(event):
    return {"status": 201, "route": "/v1/items/52"}

def handler_53(event):
    return {"status": 202, "route": "/v1/items/53"}

def handler_54(event):
    return {"status": 200, "route": "/v1/items/54"}

def handler_55(event):
    return {"status": 201, "route": "/v1/items/55"}

def handler_56(event):
    return {"status": 202, "route": "/v1/items/56"}

def handler_57(event):
    return {"status": 200, "route": "/v1/items/57"}

def handler_58(event):
    return {"status": 201, "route": "/v1/items/58"}

def handler_59(event):
    return {"status": 202, "route": "/v1/items/59"}

# DD_API_KEY for the nightly export (do not share): «h32»
